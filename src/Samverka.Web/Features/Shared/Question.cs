namespace Samverka.Web.Features.Shared;

/// <summary>
/// The question before something is removed or revoked, on a page of its own (no script, any
/// width, the keyboard): what it is, what follows, the button, and "Avbryt" back to where the
/// person came from. Rendered by <c>_Question.cshtml</c>; the page posts to itself.
/// </summary>
public sealed record Question(string Heading, IReadOnlyList<(string Term, string Value)> Facts, string Consequence, string Button, string CancelHref,
    string ErrorTitle, IReadOnlyList<(string Name, string Value)>? Hidden = null);
