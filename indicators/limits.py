"""How much a book or a form may hold: the one home of every bound on what people enter.

The models validate with these, the book reader and the forms refuse with them and say the
limit in their message, so a 20 MB title or a plan of 9.000 vigencias never reaches a page.
Magnitudes are in the indicator's unit; weights and published progress in percentage points.
"""

from decimal import Decimal

# Characters. A statement of the 2020 plan has under 300; a mission under 400.
CODE = 30
SHORT_TEXT = 200  # entity, plan, dependency
STATEMENT = 2_000  # objective and meta statements, indicator names
LONG_TEXT = 5_000  # mission, vision, notes, a report's analysis
NOTE = 2_000  # review notes, reasons for a change

# Vigencias: a plan spans at most MAX_VIGENCIAS years between FIRST_YEAR and LAST_YEAR.
FIRST_YEAR = 2000
LAST_YEAR = 2100
MAX_VIGENCIAS = 10

# Numbers: the stored columns hold 14 whole digits and 6 decimals.
MAGNITUDE = (Decimal(0), Decimal(10) ** 14)
SIGNED_MAGNITUDE = (-(Decimal(10) ** 14), Decimal(10) ** 14)  # baselines
PUBLISHED = (-(Decimal(10) ** 6), Decimal(10) ** 6)  # a book's stated progress, in points
WEIGHT = (Decimal(0), Decimal(100))
