import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Pagination } from "./pagination";

/** The pager as HTML (it is a plain component: no router is needed to render its links). */
function render(props: {
  page: number;
  pageCount: number;
  totalCount: number;
  requestedPage?: number;
}): string {
  return renderToStaticMarkup(
    createElement(Pagination, {
      pageSize: 2,
      hrefForPage: (page: number) => `/functions?page=${page}`,
      noun: "functions",
      ...props,
    }),
  );
}

describe("Pagination", () => {
  it("says a clamped page was past the end and links back from the last page, not from 999,999", () => {
    const html = render({ page: 3, pageCount: 3, totalCount: 5, requestedPage: 999_999 });
    expect(html).toContain("Page 999,999 is past the end; showing the last page.");
    expect(html).toContain("Page 3 of 3");
    expect(html).toContain('href="/functions?page=2">Previous');
    expect(html).toMatch(
      /Showing <span[^>]*>5<\/span>–<span[^>]*>5<\/span> of <span[^>]*>5<\/span> functions/,
    );
  });

  it("says nothing extra on a page that exists", () => {
    const html = render({ page: 2, pageCount: 3, totalCount: 5 });
    expect(html).not.toContain("past the end");
    expect(html).toContain("Page 2 of 3");
  });
});
