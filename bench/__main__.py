"""``python -m bench [-n N]``: page timings at demo size (bench/pages.py).
``python -m bench directory [--size demo|1000]``: directory listings, cold and warm.
``python -m bench funding [--size 2000]``: funding index, finder, guide page.
``python -m bench rooms [--rooms 200 --bookings 20000]``: the room finder.
``python -m bench load``: listings under gunicorn and wrk (bench/load.py)."""

import sys

if len(sys.argv) > 1 and sys.argv[1] == "directory":
    from bench.directory import main as directory

    directory(sys.argv[2:])
elif len(sys.argv) > 1 and sys.argv[1] == "funding":
    from bench.funding import main as funding

    funding(sys.argv[2:])
elif len(sys.argv) > 1 and sys.argv[1] == "rooms":
    from bench.rooms import main as rooms

    rooms(sys.argv[2:])
elif len(sys.argv) > 1 and sys.argv[1] == "load":
    from bench.load import main as load

    load(sys.argv[2:])
else:
    from bench.pages import main

    main()
