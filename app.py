"""The 8-3-8 backpropagation simulator: `streamlit run app.py`."""

import numpy as np
import streamlit as st

from autoencoder.model import init_params

st.set_page_config(page_title="8-3-8 backprop", layout="wide")
st.title("8-3-8 autoencoder")
params = init_params(0)
for name, value in params.as_dict().items():
    st.text(f"{name} =\n{np.array2string(value, precision=4)}")
