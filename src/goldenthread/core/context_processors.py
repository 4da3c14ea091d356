from __future__ import annotations

from typing import Any

from django.http import HttpRequest

import goldenthread


def product(request: HttpRequest) -> dict[str, Any]:
    return {"product_name": "Golden Thread", "product_version": goldenthread.__version__}
