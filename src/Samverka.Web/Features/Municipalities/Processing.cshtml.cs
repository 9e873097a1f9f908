using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Partnerships;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Municipalities;

/// <summary>The municipality's record of processing of the partnerships' personal data (/kommuner/{id}/personuppgifter): counts, never people.</summary>
[Authorize(Policy = Policies.MunicipalStaff)]
public sealed class ProcessingModel(PersonalDataService personalData) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    [FromQuery(Name = "sida")]
    public int? PageNumber { get; set; }

    public ProcessingRecord Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await personalData.ProcessingRecordAsync(Id, PageNumber, ct) is not { } record)
        {
            return NotFound();
        }

        Record = record;
        return Page();
    }
}
