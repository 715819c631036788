"""Map geometry for the statistics dashboards, built once by `build_regions_svg.py`."""
