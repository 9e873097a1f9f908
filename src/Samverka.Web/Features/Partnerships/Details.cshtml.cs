using Microsoft.AspNetCore.Mvc;
using Samverka.Domain.Partnerships;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships;

/// <summary>
/// A partnership's overview (/partnerskap/{id}): what is due now, each linked to the page that
/// resolves it, and a summary of each concern with its page. The forms are on those pages.
/// </summary>
public sealed class DetailsModel(PartnershipService partnerships) : PartnershipPage(partnerships)
{
    public override string Section => "";

    protected override RecordKinds Reads => RecordKinds.None;

    public PartnershipOverviewDto Overview { get; private set; } = null!;

    public async Task<IActionResult> OnGetFileAsync(Guid fileId, CancellationToken ct) =>
        await Partnerships.FileAsync(Id, fileId, ct) is { } f
            ? File(f.Content, Domain.Organisations.FileFormats.ContentType(f.Format), f.FileName)
            : NotFound();

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await base.LoadAsync(ct);
        Overview = await Partnerships.OverviewAsync(Id, ct) ?? throw new RecordNotFoundException("Partnerskapet");
    }

    protected override void Fill(string? except)
    {
    }
}
