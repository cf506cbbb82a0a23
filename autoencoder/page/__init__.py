"""The Streamlit page: reads the per-user Session, draws it, turns clicks into core calls.

Imports point one way: ``autoencoder.page`` uses the core, never the reverse.
"""
