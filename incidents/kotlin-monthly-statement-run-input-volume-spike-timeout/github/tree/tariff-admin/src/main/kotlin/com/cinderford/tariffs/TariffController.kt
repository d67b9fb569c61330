package com.cinderford.tariffs

import org.springframework.data.domain.Page
import org.springframework.data.domain.PageRequest
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RequestMapping
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.bind.annotation.RestController

@RestController
@RequestMapping("/api/tariffs")
class TariffController(private val repo: TariffRepository) {

    @GetMapping
    fun list(
        @RequestParam(defaultValue = "0") page: Int,
        @RequestParam(defaultValue = "100") size: Int,
    ): Page<TariffDto> = repo.findAll(PageRequest.of(page, size.coerceIn(1, 500))).map(TariffDto::from)
}
