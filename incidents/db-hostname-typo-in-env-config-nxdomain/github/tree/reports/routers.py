class ReportsReplicaRouter:
    """Send every read of the `reports` app to the read replica."""

    def db_for_read(self, model, **hints):
        if model._meta.app_label == "reports":
            return "replica"
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
