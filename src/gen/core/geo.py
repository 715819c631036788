"""Great-circle distances, in Python and as a database expression that runs on PostgreSQL and SQLite."""

import math

from django.db.models import F, FloatField, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.32


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_expression(latitude: float, longitude: float, *, lat_field="latitude", lon_field="longitude"):
    """Haversine distance in km from a point to the row's coordinates."""
    half_dphi = (Radians(F(lat_field)) - Value(math.radians(latitude))) / 2
    half_dlambda = (Radians(F(lon_field)) - Value(math.radians(longitude))) / 2
    a = Power(Sin(half_dphi), 2) + Value(math.cos(math.radians(latitude))) * Cos(
        Radians(F(lat_field))
    ) * Power(Sin(half_dlambda), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(a), output_field=FloatField())


def bounding_box(latitude: float, longitude: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) enclosing the circle, for an indexed pre-filter."""
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    dlon = radius_km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon
