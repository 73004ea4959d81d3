using FulmenTemplateNamespace;

var builder = WebApplication.CreateBuilder(args);

// As a function (on Fulmen or AWS Lambda) the requests arrive as function URL and HTTP API events (payload 2.0);
// behind a REST API use LambdaEventSource.RestApi. Anywhere else (dotnet run, tests) the app runs on Kestrel as usual.
builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);

var app = builder.Build();

var todos = new TodoStore();

app.MapGet("/", () => "Welcome to FulmenTemplate: try GET /hello?name=you or GET /todos");

app.MapGet("/hello", (string? name) => new Hello($"Hello, {(string.IsNullOrEmpty(name) ? "world" : name)}!"));

app.MapGet("/todos", () => todos.All());

app.MapGet("/todos/{id:int}", (int id) => todos.Find(id) is { } todo ? Results.Ok(todo) : Results.NotFound());

app.MapPost("/todos", (NewTodo input) =>
{
    if (string.IsNullOrWhiteSpace(input.Title))
    {
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["title"] = ["A title is required."] });
    }
    var todo = todos.Add(input.Title);
    return Results.Created($"/todos/{todo.Id}", todo);
});

app.Run();

/// <summary>Visible to the tests' WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
