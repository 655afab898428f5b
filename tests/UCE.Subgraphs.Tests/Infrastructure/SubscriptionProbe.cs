using System.Collections.Concurrent;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// A subscription executed straight through the host's <see cref="IDocumentExecuter{TSchema}"/> (no transport), as
/// the caller: either refused (<see cref="Errors"/>) or a source stream whose events it collects as JSON.
/// </summary>
public sealed class SubscriptionProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonElement> events = new();
    private readonly AsyncServiceScope scope;
    private IDisposable? subscription;

    private SubscriptionProbe(AsyncServiceScope scope, ExecutionResult result)
    {
        this.scope = scope;
        Errors = result.Errors?.Select(error => error.Code ?? "").ToList() ?? [];
        if (result.Streams is { Count: 1 } streams)
        {
            var serializer = scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>();
            subscription = streams.Values.Single().Subscribe(new Collector(result => events.Enqueue(JsonDocument.Parse(serializer.Serialize(result)).RootElement.Clone())));
        }
    }

    /// <summary>The codes of the errors the subscription was refused with; empty when it is open.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Every event received so far: each one <c>{ data: { field: … }, errors? }</c>.</summary>
    public IReadOnlyList<JsonElement> Events => [.. events];

    public static async Task<SubscriptionProbe> StartAsync(IServiceProvider services, string query, CallerIdentity caller, object? variables = null)
    {
        var scope = services.CreateAsyncScope();
        var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = variables is null ? null : scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>().Deserialize<Inputs>(JsonSerializer.Serialize(variables)),
            UserContext = new SubgraphUserContext(caller),
            RequestServices = scope.ServiceProvider,
        });
        return new SubscriptionProbe(scope, result);
    }

    /// <summary>Waits until <paramref name="count"/> events have arrived (bounded) and returns them.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(int count, string what)
    {
        await Eventually.TrueAsync(() => events.Count >= count, what);
        return Events;
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        subscription = null;
        await scope.DisposeAsync();
    }

    private sealed class Collector(Action<ExecutionResult> onNext) : IObserver<ExecutionResult>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(ExecutionResult value) => onNext(value);
    }
}
