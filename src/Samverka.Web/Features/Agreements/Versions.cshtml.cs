using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Domain.Agreements;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Agreements;

/// <summary>What changed between two versions of an agreement (/overenskommelser/{id}/versioner?fran=1&amp;till=5).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class VersionsModel(AgreementService agreements) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    [FromQuery(Name = "fran")]
    public int From { get; set; }

    [FromQuery(Name = "till")]
    public int To { get; set; }

    public string Title { get; private set; } = "";
    public int Latest { get; private set; }
    public IReadOnlyList<AgreementChange> Changes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var a = await agreements.FindAsync(Id, ct) ?? throw new RecordNotFoundException("Överenskommelsen");
        (Title, Latest) = (a.Content.Title, a.Number);
        (From, To) = (Math.Clamp(From, 1, a.Number), Math.Clamp(To == 0 ? a.Number : To, 1, a.Number));
        Changes = await agreements.DiffAsync(Id, From, To, ct) ?? throw new RecordNotFoundException("Versionen");
    }
}
