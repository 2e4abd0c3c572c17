"""PUB-1: the public rows of items, decisions and papers now hold their meeting's day and the
search adds the trust's `public.papers_days_before` (documents.BY_MEETING). Rows written before
held the publication day itself: they are dropped, never read the new way (which would publish
them early). `pecgov search reindex --keep-text` writes them again."""

from django.db import migrations

DROP = "DELETE FROM search_document WHERE audience = 'public' AND kind IN ('item', 'decision', 'paper')"


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunSQL(DROP, migrations.RunSQL.noop, elidable=False)]
