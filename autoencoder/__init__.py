"""The 8-3-8 autoencoder of the class notebook: model, nine phases, rules, training."""
