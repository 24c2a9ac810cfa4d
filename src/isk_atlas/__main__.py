from isk_atlas.cli import main

main()
