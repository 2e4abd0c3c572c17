"""The full-text structures for the database in use (PUB-1): on PostgreSQL a generated
`tsvector` column (title weighted above body, plus the trust and audience as tags) with a GIN
index; on SQLite an FTS5 table (Porter stemming) kept in step with the index table by triggers."""

from django.db import migrations

PG_UP = """
ALTER TABLE search_document ADD COLUMN vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(body, '')), 'B')
    || to_tsvector('simple', 't' || trust_id::text || ' a' || audience)
) STORED;
CREATE INDEX search_document_vector ON search_document USING gin (vector);
"""
PG_DOWN = "DROP INDEX IF EXISTS search_document_vector; ALTER TABLE search_document DROP COLUMN IF EXISTS vector;"

TAGS = "'t' || {row}.trust_id || ' a' || {row}.audience"
SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tags, tokenize = 'porter unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts (rowid, title, body, tags) VALUES (new.id, new.title, new.body, {TAGS.format(row="new")});
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_document BEGIN
        DELETE FROM search_fts WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER search_fts_update AFTER UPDATE ON search_document BEGIN
        DELETE FROM search_fts WHERE rowid = old.id;
        INSERT INTO search_fts (rowid, title, body, tags) VALUES (new.id, new.title, new.body, {TAGS.format(row="new")});
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_UP)
    elif vendor == "sqlite":
        for sql in SQLITE_UP:
            schema_editor.execute(sql)


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DOWN)
    elif vendor == "sqlite":
        for sql in SQLITE_DOWN:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(up, down, elidable=False)]
