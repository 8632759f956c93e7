"""The venue analyses: the walking graph and what is computed on it.

=====================  ==========================================================
``graph``              :class:`VenueGraph`: lengths, widths, walking times, paths
``passages``           edge kinds: speed factors and default widths
``geo``                distances, the local projection, map offsets, GeoJSON
``patrol``             closed patrol loops (OR-Tools routing)
``response``           standby placement (maximal covering) and response reach
``egress``             egress time, rate and bottleneck per zone (flow LP)
``drones``             sorties, airframes and pilots over time
``analysis``           :func:`analyse`: all of the above, shaped for plan.json
=====================  ==========================================================

The package reads only the scenario: it knows nothing of staffing, plans, maps or the
OpenStreetMap import. Import from the module that holds a name, so that importing one (say
:mod:`eventplan.venue.geo` for a map) does not load the solvers of the others.
"""
