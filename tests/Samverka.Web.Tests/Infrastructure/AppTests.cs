namespace Samverka.Web.Tests.Infrastructure;

/// <summary>
/// Base of every integration test class: the same tests run once per provider, each test from
/// the seeded state. Derive a Sqlite… and a Postgres… class with the provider's collection.
/// </summary>
public abstract class AppTests<TApp>(TApp app) : IAsyncLifetime where TApp : SamverkaApp
{
    protected TApp App { get; } = app;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync() => await App.ResetAsync();

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
