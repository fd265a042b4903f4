"""A participant in a real browser: answer what is on screen, walk to the end."""

TEXT_SIZES = """root => [root, ...root.querySelectorAll('*')]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .filter(e => e.getClientRects().length)
    .map(e => [e.className || e.tagName, parseFloat(getComputedStyle(e).fontSize)])"""


def answer_visible(tab):
    """Choose an answer in every visible radio group by clicking, as a person does."""
    names = tab.eval_on_selector_all(
        "form.questions input[type=radio]",
        "els => [...new Set(els.filter(e => e.getClientRects().length)"
        ".map(e => e.name))]",
    )
    for index, name in enumerate(names):
        radios = tab.locator(f"input[name='{name}']:not([value='dk'])")
        radios.nth(index % radios.count()).check()
    for area in tab.locator("form.questions textarea").all():
        if area.is_visible():
            area.fill("Duidelijk, maar wat kort. <script>alert(1)</script>")


def next_page(tab):
    """Go on from this page: to the questions, or send the answers on it."""
    to_screens = tab.locator(".to-screens a")
    with tab.expect_navigation():
        if to_screens.count() and to_screens.is_visible():
            to_screens.click()
        else:
            answer_visible(tab)
            tab.locator("form.questions button[type=submit]:visible").click()


def walk_to_thanks(tab, each_page=None, limit=80):
    """Walk from the first message to the thanks page; EACH_PAGE(tab) on every page."""
    pages = 0
    while "/thanks" not in tab.url:
        if each_page:
            each_page(tab)
        next_page(tab)
        pages += 1
        assert pages < limit, tab.url
    return pages


def letter_text_sizes(tab):
    """(class, font size in px) of every element with text in every letter shown."""
    sizes = []
    for letter in tab.locator("article.mockup.letter").all():
        sizes += letter.evaluate(TEXT_SIZES)
    return sizes
