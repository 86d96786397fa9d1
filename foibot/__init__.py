"""foibot: drafts UK Freedom of Information response letters.

The package is a pure engine (knowledge base, matching, dialogue, drafting, checks, deadlines,
storage) with thin surfaces on top: the console chat, the ``foibot`` command and the Slack app.
"""

import os

# foibot's matrix work is small (the meaning classifier: 835 x 256 at start-up): one BLAS thread does it fastest,
# and several fight each other on a busy 2-core machine (4.7 s against 0.4 s measured). Set before numpy loads;
# an environment that sets these keeps its own.
for _threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")

__version__ = "0.1.0"
