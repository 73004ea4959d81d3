using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FulmenTemplateNamespace.Tests;

/// <summary>The app on ASP.NET Core's in-memory test server (AddAWSLambdaHosting stays out of the way outside Lambda).</summary>
public class ProgramTest(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task GetHello_WithName_AnswersJsonHello()
    {
        using var client = factory.CreateClient();

        var hello = await client.GetFromJsonAsync<Hello>("/hello?name=Fulmen");

        Assert.Equal("Hello, Fulmen!", hello!.Message);
    }

    [Fact]
    public async Task PostTodo_ThenGetIt_CreatedAndFound()
    {
        using var client = factory.CreateClient();

        var created = await client.PostAsJsonAsync("/todos", new NewTodo("Write tests"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var todo = await created.Content.ReadFromJsonAsync<Todo>();
        Assert.Equal("Write tests", todo!.Title);
        Assert.Equal($"/todos/{todo.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(todo, await client.GetFromJsonAsync<Todo>($"/todos/{todo.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/todos/999")).StatusCode);
    }
}
