using Fulmen.Lambda.Core;

var builder = WebApplication.CreateBuilder(args);
// The event source is a setting here so that one build serves the function URL, HTTP API and REST API tests.
var source = Enum.Parse<LambdaEventSource>(Environment.GetEnvironmentVariable("EVENT_SOURCE") ?? nameof(LambdaEventSource.HttpApi));
builder.Services.AddAWSLambdaHosting(source);
var app = builder.Build();

app.MapGet("/hello/{name}", (string name, string? greeting, HttpRequest request) => Results.Json(new
{
    message = $"{greeting ?? "Hello"}, {name}!",
    method = request.Method,
    path = request.Path.Value,
    pathBase = request.PathBase.Value,
    query = request.QueryString.Value,
    tags = request.Query["tag"].ToArray(),
    scheme = request.Scheme,
    host = request.Host.Value,
}));

app.MapPost("/orders", (Order order) => order.Quantity > 0
    ? Results.Created($"/orders/{order.Id}", new Receipt(order.Id, order.Quantity * 5))
    : Results.BadRequest(new { error = "quantity must be positive" }));

app.MapGet("/headers", (HttpRequest request, HttpResponse response) =>
{
    response.Headers["X-Powered-By"] = "Fulmen";
    response.Headers.Append("X-Multi", "one");
    response.Headers.Append("X-Multi", "two");
    return Results.Text($"custom={request.Headers["X-Custom"]}", "text/plain");
});

app.MapGet("/cookies", (HttpRequest request, HttpResponse response) =>
{
    response.Cookies.Append("session", "abc123", new CookieOptions { Path = "/", HttpOnly = true });
    response.Cookies.Append("theme", "dark");
    return Results.Text($"incoming={request.Cookies["incoming"]};other={request.Cookies["other"]}");
});

app.MapGet("/binary", () => Results.Bytes(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), "image/png"));

app.MapPost("/echo-bytes", async (HttpRequest request) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    var bytes = buffer.ToArray();
    Array.Reverse(bytes);
    return Results.Bytes(bytes, "application/octet-stream");
});

app.MapGet("/missing", () => Results.NotFound(new { error = "no such thing" }));

app.MapGet("/throw", IResult () => throw new InvalidOperationException("boom"));

app.MapGet("/lambda", (HttpContext http) =>
{
    var context = (ILambdaContext)http.Items["LambdaContext"]!;
    context.Logger.LogInformation($"handling {http.Request.Path} as {context.AwsRequestId}");
    return Results.Json(new { functionName = context.FunctionName, requestId = context.AwsRequestId, traceIdentifier = http.TraceIdentifier, remoteIp = http.Connection.RemoteIpAddress?.ToString() });
});

app.Run();

public record Order(string Id, int Quantity);

public record Receipt(string Id, int Total);
