"""The class notebook's worked example (autoencoder/data/class_notebook.txt, cells In[63] to In[82])."""

import numpy as np

from autoencoder.core.model import NOTEBOOK_PATTERN, Params

NOTEBOOK_LR = 0.1
NOTEBOOK_RULE = "notebook"
NOTEBOOK_ACTIVATION = "shifted-sigmoid"

# W2 (3, 8) and b2 (8,) as the notebook printed them, a row a line (the formatter would put
# every number on a line of its own).
_W2 = [
    [-0.59196054, 0.10018885, -0.72569459, 0.07080871, -0.61067354, 0.09612946, -0.20848902, -0.25395206],
    [0.46978088, -0.75172655, 0.12019265, -0.9478835, 0.86543602, -0.11670782, 0.07210603, -0.48724027],
    [0.70269662, -0.64294688, 0.15416849, 0.423714, 0.58689919, -0.00481141, -0.00180434, -0.81640988],
]  # fmt: skip # a table: a row of W2 a line
_B2 = [0.66379342, 0.51166311, 0.6992155, 0.14650619, 0.61919299, 0.46754989, 0.68069931, 0.95591248]  # fmt: skip # a row

# The values the notebook printed just before using them (In[64], In[65], In[69], In[70]).
NOTEBOOK_START = Params(
    W1=np.array(
        [
            [-0.14596248, 0.46984296, -0.20284101],
            [0.39478882, 0.23582777, -0.30064179],
            [0.21564332, -0.09798041, 0.4486971],
            [0.1839495, -0.06597233, -0.09574213],
            [0.104651, 0.97286255, -0.1992364],
            [-0.62747513, -0.07544811, 0.45845421],
            [0.2087666, -1.30966475, -0.12424663],
            [-0.08091887, -0.01457799, 0.7577325],
        ]
    ),
    b1=np.array([0.2888758, 0.14884696, 0.20725632]),
    W2=np.array(_W2),
    b2=np.array(_B2),
)


def notebook_settings() -> dict:
    """Keyword arguments of :func:`autoencoder.core.phases.start_step` for the worked example."""
    return {
        "lr": NOTEBOOK_LR,
        "rule": NOTEBOOK_RULE,
        "activation": NOTEBOOK_ACTIVATION,
    }


def notebook_input() -> np.ndarray:
    return NOTEBOOK_PATTERN.copy()
