import functools

from flask import abort, g, request

from storefront.tokens import verify_session_token


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        claims = verify_session_token(token)
        if claims is None:
            abort(401)
        g.customer_id = claims["sub"]
        return view(*args, **kwargs)

    return wrapper
