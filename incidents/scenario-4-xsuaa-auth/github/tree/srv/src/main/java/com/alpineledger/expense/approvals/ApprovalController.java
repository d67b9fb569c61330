package com.alpineledger.expense.approvals;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/approvals")
public class ApprovalController {

    private final ApprovalService approvals;

    public ApprovalController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/pending")
    public List<PendingApproval> pending(@AuthenticationPrincipal Jwt user,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "25") int size) {
        return approvals.pendingFor(user.getClaimAsString("user_name"), CostCenters.of(user),
                page, Math.min(size, 100));
    }

    @PostMapping("/{reportId}/decision")
    @PreAuthorize("hasAuthority('Approver')")
    public Decision decide(@PathVariable String reportId, @RequestBody DecisionRequest request,
                           @AuthenticationPrincipal Jwt user) {
        return approvals.decide(reportId, request, user.getClaimAsString("user_name"));
    }
}
