// Keyboard users must reach what scrolls sideways (axe: scrollable-region-focusable): a table
// wider than the page gets tabindex=0 on the wrapper Material scrolls it in. Material's
// document$ emits on every page load.
document$.subscribe(() => {
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrap.scrollWidth > wrap.clientWidth) wrap.tabIndex = 0;
  }
});
