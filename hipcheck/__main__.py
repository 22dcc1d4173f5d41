from hipcheck.cli import main

main()
