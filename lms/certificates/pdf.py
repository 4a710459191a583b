"""The certificate as a one-page PDF, drawn with fpdf2."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

# Debian's DejaVu covers accents and most scripts; without it, the core font (Latin-1) is used.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _font(pdf: FPDF) -> tuple[str, bool]:
    if DEJAVU.is_file():
        pdf.add_font("DejaVu", "", str(DEJAVU))
        return "DejaVu", True
    return "Helvetica", False


def certificate_pdf(name: str, title: str, granted: str, expires: str, verify_url: str) -> bytes:
    """A landscape A4 certificate naming the rep, the certification, its dates and its URL."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"{title}: {name}")
    pdf.set_creator("RepReady")
    pdf.add_page()
    family, unicode_ok = _font(pdf)

    def text(value: str) -> str:
        return value if unicode_ok else value.encode("latin-1", "replace").decode("latin-1")

    pdf.set_draw_color(11, 92, 173)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(40)
    pdf.set_font(family, size=16)
    pdf.cell(0, 10, text("Certificate"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=30)
    pdf.multi_cell(0, 16, text(title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=14)
    pdf.cell(0, 12, text("granted to"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=26)
    pdf.multi_cell(0, 14, text(name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font(family, size=13)
    pdf.cell(
        0,
        9,
        text(f"Granted {granted} · valid until {expires}"),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(10)
    pdf.set_font(family, size=10)
    pdf.cell(
        0,
        7,
        text(f"Verify: {verify_url}"),
        align="C",
        link=verify_url,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
