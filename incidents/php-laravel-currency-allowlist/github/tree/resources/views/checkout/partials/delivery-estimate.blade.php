<div class="delivery-estimate">
    @if ($estimate)
        {{ __('checkout.arrives_between', ['from' => $estimate->from->isoFormat('ddd D MMM'), 'to' => $estimate->to->isoFormat('ddd D MMM')]) }}
    @endif
</div>
