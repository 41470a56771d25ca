"""What the Python tests of the real binary share: a check that counts, and names what failed.

    from checks import check
    check("search finds the release", total == 1, f"total {total}")
    ...
    sys.exit(checks.report())   # "N passed, M failed"; 1 when any failed
"""

passed = failed = 0


def check(name, ok, detail=""):
    """Counts one check; a failed one prints its name and detail (at most 2,000 characters)."""
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name} {detail}"[:2000])
    return ok


def report(suffix=""):
    """Prints the counts and returns the exit status: 1 when a check failed, else 0."""
    print(f"{passed} passed, {failed} failed{suffix}")
    return 1 if failed else 0
