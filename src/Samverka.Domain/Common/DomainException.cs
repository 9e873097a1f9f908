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
}
