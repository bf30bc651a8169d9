from hw7grade.cli import main

main()
