import sys

from decisionaid.cli import main

sys.exit(main())
