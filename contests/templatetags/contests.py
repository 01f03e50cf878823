from django import template

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
