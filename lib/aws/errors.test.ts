import { describe, expect, it } from "vitest";
import { AwsResponseShapeError, IssueOnce, classifyAwsError, toSafeMessage, withApi } from "./errors";
import type { SyncIssue } from "./errors";

/** The shape of an SDK v3 service exception: name = code, $fault, $metadata.httpStatusCode. */
function serviceError(name: string, httpStatusCode: number, message = `${name} message`) {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? "server" : "client",
    $metadata: { httpStatusCode, requestId: "req-1", attempts: 5, totalRetryDelay: 4000 },
  });
}

function systemError(code: string, message = `connect ${code} 127.0.0.1:4566`) {
  return Object.assign(new Error(message), { code, errno: -111, syscall: "connect" });
}

describe("classifyAwsError", () => {
  it.each([
    ["ThrottlingException", 400, "throttled"],
    ["TooManyRequestsException", 429, "throttled"],
    ["Throttling", 400, "throttled"],
    ["RequestLimitExceeded", 503, "throttled"],
    ["LimitExceededException", 400, "throttled"],
    ["AccessDeniedException", 403, "access-denied"],
    ["AccessDenied", 403, "access-denied"],
    ["UnauthorizedOperation", 403, "access-denied"],
    ["UnrecognizedClientException", 403, "access-denied"],
    ["InvalidClientTokenId", 403, "access-denied"],
    ["ExpiredToken", 400, "access-denied"],
    ["ResourceNotFoundException", 404, "not-found"],
    ["ClusterNotFoundException", 400, "not-found"],
    ["ValidationException", 400, "invalid-input"],
    ["InvalidParameterValueException", 400, "invalid-input"],
    ["InternalServiceError", 500, "failed"],
    ["SomethingNew", 429, "throttled"],
    ["SomethingNew", 403, "access-denied"],
  ])("%s (HTTP %i) → %s", (name, status, kind) => {
    expect(classifyAwsError(serviceError(name, status))).toEqual({
      kind,
      code: name,
      message: `${name} message`,
      httpStatus: status,
    });
  });

  it.each([
    ["ECONNREFUSED", "unreachable"],
    ["ENOTFOUND", "unreachable"],
    ["EHOSTUNREACH", "unreachable"],
    ["ETIMEDOUT", "timeout"],
  ])("Node %s → %s", (code, kind) => {
    expect(classifyAwsError(systemError(code))).toMatchObject({ kind, code, httpStatus: null });
  });

  it("the NodeHttpHandler request timeout (TimeoutError, ETIMEDOUT) → timeout", () => {
    const error = Object.assign(new Error("request has exceeded the configured 20000 ms requestTimeout"), {
      name: "TimeoutError",
      code: "ETIMEDOUT",
    });
    expect(classifyAwsError(error)).toMatchObject({ kind: "timeout", code: "TimeoutError" });
  });

  it("an AggregateError of refused connections (IPv4 and IPv6) → unreachable", () => {
    const error = new AggregateError([systemError("ECONNREFUSED"), systemError("ECONNREFUSED")], "");
    expect(classifyAwsError(error)).toMatchObject({ kind: "unreachable", code: "ECONNREFUSED" });
  });

  it("a network error under `cause` → unreachable", () => {
    const error = new Error("fetch failed", {
      cause: systemError("ENOTFOUND", "getaddrinfo ENOTFOUND lambda.x"),
    });
    expect(classifyAwsError(error)).toMatchObject({ kind: "unreachable", code: "ENOTFOUND" });
  });

  it("CredentialsProviderError → no-credentials", () => {
    const error = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
      tryNextLink: false,
    });
    expect(classifyAwsError(error)).toMatchObject({
      kind: "no-credentials",
      code: "CredentialsProviderError",
    });
  });

  it("a malformed response → failed, code MalformedResponse", () => {
    expect(
      classifyAwsError(new AwsResponseShapeError("lambda:ListFunctions", "no MemorySize")),
    ).toMatchObject({
      kind: "failed",
      code: "MalformedResponse",
      message: "no MemorySize",
    });
  });

  it("non-errors", () => {
    expect(classifyAwsError("boom")).toEqual({
      kind: "failed",
      code: "UnknownError",
      message: "boom",
      httpStatus: null,
    });
    expect(classifyAwsError(undefined)).toMatchObject({ kind: "failed" });
  });
});

describe("safe messages", () => {
  it("never carries an access key id, a signature, a session token or a canonical request", () => {
    const token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD" + "a".repeat(200);
    const message =
      "The request signature we calculated does not match the signature you provided. " +
      "Credential=AKIAIOSFODNN7EXAMPLE/20240601/us-east-1/lambda/aws4_request, Signature=" +
      "f".repeat(64) +
      ` X-Amz-Security-Token=${token} The Canonical String for this request should have been 'GET /' ` +
      "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const classified = classifyAwsError(serviceError("SignatureDoesNotMatch", 403, message));
    expect(classified.kind).toBe("access-denied");
    expect(classified.message).not.toMatch(/AKIA|ffffffff|IQoJb3|wJalrX|Canonical/);
    expect(classified.message.length).toBeLessThanOrEqual(300);
  });

  it("keeps an access-denied message that names the principal and the action, cut at 300 characters", () => {
    const message =
      "User: arn:aws:sts::123456789012:assumed-role/Breakeven/breakeven-sync is not authorized to perform: " +
      "lambda:ListTags on resource: arn:aws:lambda:us-east-1:123456789012:function:api";
    expect(toSafeMessage(message)).toBe(message);
    expect(toSafeMessage("x ".repeat(400))).toHaveLength(300);
    expect(toSafeMessage("ASIAY34FZKBOKMUTVV7A is the key")).toBe("[access-key-id] is the key");
  });
});

describe("IssueOnce / withApi", () => {
  it("reports one issue per (api, code), however many resources fail", () => {
    const issues: SyncIssue[] = [];
    const once = new IssueOnce("us-east-1", (issue) => issues.push(issue));
    for (let index = 0; index < 1000; index += 1) {
      once.report("lambda:ListTags", serviceError("AccessDeniedException", 403), `arn:fn-${index}`);
    }
    once.report("lambda:ListTags", serviceError("ThrottlingException", 400), "arn:fn-x");
    once.report("lambda:ListProvisionedConcurrencyConfigs", serviceError("AccessDeniedException", 403));
    expect(issues.map((issue) => [issue.api, issue.code, issue.resourceArn])).toEqual([
      ["lambda:ListTags", "AccessDeniedException", "arn:fn-0"],
      ["lambda:ListTags", "ThrottlingException", "arn:fn-x"],
      ["lambda:ListProvisionedConcurrencyConfigs", "AccessDeniedException", undefined],
    ]);
  });

  it("withApi names the failing API on the error without changing it", () => {
    const error = withApi(serviceError("AccessDeniedException", 403), "ecs:DescribeServices");
    expect((error as unknown as { api: string }).api).toBe("ecs:DescribeServices");
    expect(classifyAwsError(error).code).toBe("AccessDeniedException");
  });
});

describe("unreadable responses", () => {
  it("names the HTTP status instead of the parser's text", () => {
    const error = Object.assign(
      new SyntaxError(
        `Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
      ),
      {
        $metadata: { httpStatusCode: 404 },
      },
    );
    const classified = classifyAwsError(error);
    expect(classified.code).toBe("HTTP404");
    expect(classified.message).toBe(
      "the endpoint answered HTTP 404 with an unreadable body (this API may not be supported there)",
    );
    expect(classified.message).not.toContain("doctype");
  });
});
