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
