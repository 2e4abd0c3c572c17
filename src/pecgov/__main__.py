from pecgov.cli import main

main()
