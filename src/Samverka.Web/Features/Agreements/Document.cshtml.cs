using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Documents;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Agreements;

/// <summary>The agreement as an accessible, print-friendly web page: the same blocks as the PDF and the Word file.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DocumentModel(AgreementService agreements) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public AgreementDto Agreement { get; private set; } = null!;
    public IReadOnlyList<DocBlock> Blocks { get; private set; } = [];
    public DocFooter Footer { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var a = await agreements.FindAsync(Id, ct) ?? throw new RecordNotFoundException("Överenskommelsen");
        Agreement = await agreements.ToDtoAsync(a, ct);
        (Blocks, Footer) = (AgreementDocuments.Blocks(Agreement), AgreementDocuments.Footer(Agreement));
    }
}
