namespace FulmenTemplateNamespace;

public sealed record Hello(string Message);

public sealed record NewTodo(string Title);

public sealed record Todo(int Id, string Title, bool Done);

/// <summary>
/// Todos in memory, for the example: each execution environment has its own copy, which lives while the
/// environment stays warm. Keep real data in a database or a bucket.
/// </summary>
public sealed class TodoStore
{
    private readonly object _lock = new();
    private readonly Dictionary<int, Todo> _todos = new() { [1] = new Todo(1, "Deploy to Fulmen", false) };

    public IReadOnlyList<Todo> All()
    {
        lock (_lock)
        {
            return [.. _todos.Values.OrderBy(todo => todo.Id)];
        }
    }

    public Todo? Find(int id)
    {
        lock (_lock)
        {
            return _todos.GetValueOrDefault(id);
        }
    }

    public Todo Add(string title)
    {
        lock (_lock)
        {
            var todo = new Todo(_todos.Count + 1, title, false);
            _todos[todo.Id] = todo;
            return todo;
        }
    }
}
