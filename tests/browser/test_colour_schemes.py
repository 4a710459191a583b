"""The brand colour applies in both schemes, and the page follows the device's scheme."""

BRAND = {"light": "rgb(11, 92, 173)", "dark": "rgb(124, 184, 245)"}
PAGE = {"light": "rgb(255, 255, 255)", "dark": "rgb(19, 23, 31)"}  # Pico's, rounded
COLOURS = """() => ({
  brand: getComputedStyle(document.querySelector(".brand")).color,
  button: getComputedStyle(document.querySelector("button[type=submit]")).backgroundColor,
  page: getComputedStyle(document.documentElement).backgroundColor,
})"""


def test_brand_colour_and_page_follow_the_scheme(visitor):
    visitor.goto("/login")
    for scheme in ("light", "dark"):
        visitor.page.emulate_media(color_scheme=scheme)
        colours = visitor.page.evaluate(COLOURS)
        # Pico's own blue (#0172ad) here would mean its more specific selector won again.
        assert colours["brand"] == BRAND[scheme], scheme
        assert colours["button"] == BRAND["light"], scheme  # white text on it: 6.7:1
        assert colours["page"] == PAGE[scheme], colours
