"""Model providers behind one small interface (`base.Provider`), plus retries and the response cache.

Nothing here imports an SDK at module level: `models.make_provider` imports one when it is used.
"""
