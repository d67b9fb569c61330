<?php

use App\Http\Controllers\AccountController;
use App\Http\Controllers\CartController;
use App\Http\Controllers\InvoiceController;
use App\Http\Controllers\OrderController;
use App\Http\Controllers\QuoteController;
use App\Http\Middleware\ResolveBuyerAccount;
use Illuminate\Support\Facades\Route;

Route::prefix('v1')->middleware(['auth:sanctum', ResolveBuyerAccount::class])->group(function () {
    Route::get('/account', [AccountController::class, 'show']);
    Route::get('/orders/{id}', [OrderController::class, 'show']);
    Route::get('/invoices/{invoice}', [InvoiceController::class, 'show']);
    Route::get('/quotes/{id}', [QuoteController::class, 'show']);
    Route::get('/cart', [CartController::class, 'current']);
});
