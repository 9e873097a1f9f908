using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samverka.Web.Features.Shared;

/// <summary>Tillgänglighetsredogörelse, following DIGG's model for the DOS law. Contact details come from configuration.</summary>
[AllowAnonymous]
public sealed class AccessibilityModel(IConfiguration config) : PageModel
{
    public string Operator => config["Accessibility:Operator"] ?? "Den organisation som driver denna installation av Samverka";
    public string ContactEmail => config["Accessibility:ContactEmail"] ?? "tillganglighet@samverka.example";
    public string AssessedOn => config["Accessibility:AssessedOn"] ?? "2026-11-23";

    public void OnGet()
    {
    }
}
