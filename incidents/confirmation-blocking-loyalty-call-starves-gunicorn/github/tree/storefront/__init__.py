import logging
import sys

from flask import Flask
from pythonjsonlogger import jsonlogger


def _configure_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(jsonlogger.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def create_app():
    _configure_logging()
    app = Flask(__name__)
    app.config.from_object("storefront.config.Config")

    from storefront import db
    from storefront.views import catalog, health, orders

    db.init_app(app)
    app.register_blueprint(catalog.bp)
    app.register_blueprint(orders.bp)
    app.register_blueprint(health.bp)
    app.logger.info("storefront-api started", extra={"release": app.config["RELEASE"]})
    return app
