from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def duration(ms):
    """Milliseconds as Vietnamese text: '3 phút 05,2 giây'; to the tenth, as ties are broken to the millisecond."""
    if ms is None:
        return ""
    minutes, rest = divmod(int(ms), 60_000)
    if not minutes:
        return f"{rest / 1000:.1f} giây".replace(".", ",")
    return f"{minutes} phút {rest / 1000:04.1f} giây".replace(".", ",")


@register.filter
def dong(amount):
    """3000000 → '3.000.000 đ'."""
    return f"{int(amount):,} đ".replace(",", ".")


@register.filter
def clock(seconds):
    """Seconds left as mm:ss (or h:mm:ss), as the countdown shows before its script starts."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@register.filter
def timeuntil_seconds(moment, now):
    """Whole seconds from now to moment, never negative: the countdown starts from the server's clock."""
    return max(0, int((moment - now).total_seconds()))


@register.simple_tag
def quiz_sheet(sheet):
    """The attempt page's questions and choices (selectors.attempt_sheet, its texts escaped already
    by contests.bank.escaped_texts).

    Written here rather than as a template loop: the page follows every start, and the loop over
    10 questions of 4 choices was the page's costliest step (issue 15). Positions and indexes are
    integers, so nothing here is formatted by locale."""
    parts = []
    for q in sheet:
        position = q["position"]
        image = (
            f'\n    <img src="{q["image"]}" alt="Hình minh họa câu {position}" class="quiz-question__image" loading="lazy">'
            if q["image"] else ""
        )
        choices = "".join(
            f'\n    <label class="quiz-choice">\n      <input type="radio" name="q{position}" value="{c["index"]}"'
            f'{" checked" if c["chosen"] else ""}>\n      <span class="quiz-choice__letter">{c["letter"]}</span>\n'
            f'      <span class="quiz-choice__text">{c["text"]}</span>\n    </label>'
            for c in q["choices"]
        )
        parts.append(
            f'  <fieldset class="quiz-question" id="cau-{position}">\n'
            f'    <legend><span class="quiz-question__no">Câu {position}.</span> {q["text"]}</legend>{image}{choices}\n'
            f'    <p class="quiz-save" data-save-status="{position}" aria-live="polite">{"Đã lưu" if q["answered"] else ""}</p>\n'
            f'  </fieldset>\n'
        )
    return mark_safe("".join(parts))
