import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Checkbox, FieldMessage, Input, Select, Textarea, fieldClassName } from "./field";

function classesOf(className: string): string[] {
  return className.split(" ");
}

describe("fieldClassName", () => {
  it("draws one-line controls at a button's height and lets a textarea grow with its rows", () => {
    for (const kind of ["input", "select"] as const) {
      const classes = classesOf(fieldClassName(kind));
      expect(classes).toEqual(expect.arrayContaining(["h-9", "text-sm"]));
      expect(classes).not.toContain("block");
    }
    const textarea = classesOf(fieldClassName("textarea"));
    expect(textarea).toEqual(expect.arrayContaining(["block", "py-1.5", "text-sm"]));
    expect(textarea.some((name) => name.startsWith("h-"))).toBe(false);
  });

  it("makes `sm` smaller text (and an h-8 line) and `isMono` monospaced, without keeping the md classes", () => {
    const input = classesOf(fieldClassName("input", { fieldSize: "sm" }));
    expect(input).toEqual(expect.arrayContaining(["h-8", "text-xs"]));
    expect(input).not.toContain("h-9");
    expect(input).not.toContain("text-sm");
    expect(input).not.toContain("font-mono");

    const json = classesOf(fieldClassName("textarea", { fieldSize: "sm", isMono: true }));
    expect(json).toEqual(expect.arrayContaining(["text-xs", "font-mono"]));
    expect(json).not.toContain("text-sm");
  });

  it("keeps the focus, invalid, disabled and dark states on every kind and size, and appends the caller's layout", () => {
    for (const kind of ["input", "select", "textarea"] as const) {
      for (const fieldSize of ["md", "sm"] as const) {
        const classes = classesOf(fieldClassName(kind, { fieldSize }, "mt-1 w-full"));
        expect(classes).toEqual(
          expect.arrayContaining([
            "focus-visible:ring-2",
            "aria-[invalid=true]:border-red-500",
            "disabled:opacity-50",
            "dark:bg-gray-900",
          ]),
        );
        expect(classes.slice(-2)).toEqual(["mt-1", "w-full"]);
      }
    }
  });
});

describe("Input, Select, Textarea", () => {
  it("pass every attribute through to the native element", () => {
    const input = renderToStaticMarkup(
      createElement(Input, {
        id: "account-id",
        name: "id",
        type: "text",
        "aria-invalid": true,
        "aria-describedby": "account-id-message",
        disabled: true,
        defaultValue: "12345",
        fieldSize: "md",
        isMono: false,
        className: "w-40",
      }),
    );
    expect(input).toMatch(/^<input /);
    for (const attribute of [
      'id="account-id"',
      'name="id"',
      'type="text"',
      'aria-invalid="true"',
      'aria-describedby="account-id-message"',
      'disabled=""',
      'value="12345"',
    ])
      expect(input).toContain(attribute);
    expect(input).toContain(`class="${fieldClassName("input", {}, "w-40")}"`);
    // The style options are not HTML attributes.
    expect(input).not.toContain("fieldsize");
    expect(input).not.toContain("ismono");

    const select = renderToStaticMarkup(
      createElement(
        Select,
        { name: "region", defaultValue: "eu-west-1" },
        createElement("option", { value: "us-east-1" }, "US East"),
        createElement("option", { value: "eu-west-1" }, "Europe (Ireland)"),
      ),
    );
    expect(select).toMatch(/^<select [^>]*name="region"/);
    expect(select).toContain(`class="${fieldClassName("select")}"`);
    expect(select).toContain('<option value="eu-west-1" selected="">Europe (Ireland)</option>');

    const textarea = renderToStaticMarkup(
      createElement(Textarea, { id: "json", rows: 6, fieldSize: "sm", isMono: true, defaultValue: "{}" }),
    );
    expect(textarea).toMatch(/^<textarea [^>]*id="json"[^>]*>\{\}<\/textarea>$/);
    expect(textarea).toContain('rows="6"');
    expect(textarea).toContain(`class="${fieldClassName("textarea", { fieldSize: "sm", isMono: true })}"`);
  });
});

describe("FieldMessage", () => {
  it("shows the error as an alert in place of the hint, the hint otherwise, and nothing without either", () => {
    const error = renderToStaticMarkup(
      createElement(FieldMessage, { id: "memory-message", error: "Memory must be a number", hint: "MB" }),
    );
    expect(error).toMatch(/^<p [^>]*>Memory must be a number<\/p>$/);
    expect(error).toContain('id="memory-message"');
    expect(error).toContain('role="alert"');

    const hint = renderToStaticMarkup(
      createElement(FieldMessage, { id: "memory-message", error: null, hint: "MB" }),
    );
    expect(hint).toMatch(/^<p [^>]*>MB<\/p>$/);
    expect(hint).toContain('id="memory-message"');
    expect(hint).not.toContain("role=");

    expect(renderToStaticMarkup(createElement(FieldMessage, { id: "memory-message" }))).toBe("");
  });
});

describe("Checkbox", () => {
  it("is always a checkbox in the accent colour, placed by the caller's classes", () => {
    const html = renderToStaticMarkup(
      createElement(Checkbox, { name: "isOn", defaultChecked: true, className: "mt-0.5" }),
    );
    expect(html).toMatch(/^<input type="checkbox"/);
    expect(html).toContain('name="isOn"');
    expect(html).toContain("checked");
    expect(html).toMatch(/class="[^"]*accent-blue-600[^"]*mt-0\.5"/);
  });
});
