namespace Samverka.Domain.Common;

/// <summary>
/// A rule of the domain refused an operation. <see cref="Message"/> is Swedish and written for
/// the person who can act on it; <see cref="Field"/> names the input it concerns, if any, so a
/// page can show the message next to that field and an API can put it in a problem's errors.
/// </summary>
public sealed class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;

    /// <summary>The record is in a state that forbids the change whatever the input (a signed agreement): an API answers 409.</summary>
    public bool IsConflict { get; init; }

    /// <summary>Every field that is wrong, when a check reports them all at once (the first is <see cref="Field"/>).</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private init; } = new Dictionary<string, string>();

    public static DomainException Many(IReadOnlyDictionary<string, string> errors)
    {
        var (field, message) = errors.First();
        return new DomainException(errors.Count == 1 ? message : $"{message} (och {errors.Count - 1} fel till)", field) { Errors = errors };
    }
}

/// <summary>
/// Gathers what a form's checks refuse, so every wrong field is reported at once: each check runs
/// and a refusal is kept (the first per field); <see cref="ThrowIfAny"/> throws them together.
/// </summary>
public sealed class Checks
{
    private readonly Dictionary<string, string> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(DomainException refused)
    {
        foreach (var (field, message) in refused.Errors.Count > 0 ? refused.Errors : new Dictionary<string, string> { [refused.Field ?? ""] = refused.Message })
        {
            _errors.TryAdd(field, message);
        }
    }

    public void Try(Action check)
    {
        try
        {
            check();
        }
        catch (DomainException refused)
        {
            Add(refused);
        }
    }

    /// <summary>The value the check returns, or <paramref name="fallback"/> when it refuses.</summary>
    public T Take<T>(Func<T> check, T fallback)
    {
        try
        {
            return check();
        }
        catch (DomainException refused)
        {
            Add(refused);
            return fallback;
        }
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw DomainException.Many(_errors);
        }
    }
}
