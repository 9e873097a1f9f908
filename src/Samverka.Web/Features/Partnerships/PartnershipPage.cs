using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Partnerships;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships;

/// <summary>One of a partnership's pages, for the navigation between them.</summary>
public sealed record PartnershipSection(string Path, string Name);

/// <summary>
/// What every page of one partnership shares: the partnership read for the page, the forms'
/// refused-input handling (the form that was posted stays open with what was typed), and the
/// redirect with a visible success message after a save. Each concern's page (overview, steering
/// group and meetings, follow-up, money, renegotiation and ending) derives from it with its own
/// forms; activities and participants have their own pages beside them.
/// </summary>
[Authorize(Policy = Infrastructure.Auth.Policies.SignedIn)]
public abstract class PartnershipPage(PartnershipService partnerships) : PageModel, IReloadsOnError, IHasSeveralForms
{
    /// <summary>The pages of a partnership, in the order of the navigation.</summary>
    public static readonly IReadOnlyList<PartnershipSection> Sections =
    [
        new("", "Översikt"),
        new("styrgrupp", "Styrgrupp och möten"),
        new("uppfoljning", "Uppföljning"),
        new("ekonomi", "Ekonomi"),
        new("aktiviteter", "Aktiviteter"),
        new("deltagare", "Deltagare"),
        new("fornyelse", "Omförhandling och avslut"),
    ];

    [FromRoute]
    public Guid Id { get; set; }

    public string FormPrefix { get; protected set; } = "";

    public PartnershipDto Partnership { get; private set; } = null!;

    /// <summary>This page's path under /partnerskap/{id} ("" for the overview).</summary>
    public abstract string Section { get; }

    protected PartnershipService Partnerships => partnerships;

    /// <summary>The kinds of record this page shows; the rest is not read (a page costs what it shows).</summary>
    protected abstract RecordKinds Reads { get; }

    public IReadOnlyList<SelectListItem> YearOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Fill(null);
        return Page();
    }

    public async Task ReloadAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        Fill(FormPrefix);
    }

    /// <summary>Prefills this page's forms, except the one that was posted and refused (<paramref name="except"/>).</summary>
    protected abstract void Fill(string? except);

    /// <summary>Reads the partnership for the page; a page adds the options its forms offer.</summary>
    protected virtual async Task LoadAsync(CancellationToken ct)
    {
        var p = await partnerships.FindAsync(Id, Reads, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        Partnership = partnerships.ToDto(p);
        YearOptions = Enumerable.Range(Partnership.TermStart.Year, Partnership.TermEnd.Year - Partnership.TermStart.Year + 1)
            .Select(y => new SelectListItem(y.ToString(System.Globalization.CultureInfo.InvariantCulture), y.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Loaded(p);
    }

    /// <summary>The domain partnership as read, for what a page computes beyond the DTO.</summary>
    protected virtual void Loaded(Domain.Partnerships.Partnership p)
    {
    }

    /// <summary>Runs one form's change; on success back to this page at the list it changed, with the message shown there.</summary>
    protected async Task<IActionResult> Done(string form, Func<Task<Domain.Partnerships.Partnership>> change, string message, string anchor)
    {
        FormPrefix = form;
        await change();
        TempData["Message"] = message;
        return Redirect($"/partnerskap/{Id}{(Section.Length == 0 ? "" : "/" + Section)}#{anchor}");
    }
}

/// <summary>The top of every page of a partnership: where it is, its pages, the message after a save, and whether it has ended.</summary>
public sealed record PartnershipHeader(Guid Id, Guid AgreementId, string Title, Ending? Ended, string Section)
{
    public static PartnershipHeader For(PartnershipDto p, string section) => new(p.Id, p.AgreementId, p.Title, p.Ended, section);

    public static PartnershipHeader For(Domain.Partnerships.Partnership p, string section) => new(p.Id, p.AgreementId, p.Title, p.Ended, section);

    public string Heading => Section.Length == 0 ? Title : PartnershipPage.Sections.First(s => s.Path == Section).Name;
}
