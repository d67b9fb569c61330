<?php

use Illuminate\Support\Str;

return [
    'domain' => env('HORIZON_DOMAIN'),
    'path' => 'horizon',
    'use' => 'default',
    'prefix' => env('HORIZON_PREFIX', Str::slug(env('APP_NAME', 'laravel'), '_').'_horizon:'),
    'middleware' => ['web', 'auth.staff'],

    'waits' => [
        'redis:default' => 60,
        'redis:statements' => 600,
    ],

    'trim' => [
        'recent' => 60,
        'pending' => 60,
        'completed' => 60,
        'recent_failed' => 10080,
        'failed' => 10080,
        'monitored' => 10080,
    ],

    'fast_termination' => false,
    'memory_limit' => 64,

    'defaults' => [
        'supervisor-default' => [
            'connection' => 'redis',
            'queue' => ['default', 'mail'],
            'balance' => 'auto',
            'autoScalingStrategy' => 'time',
            'maxProcesses' => 6,
            'maxTime' => 0,
            'maxJobs' => 500,
            'memory' => 512,
            'tries' => 3,
            'timeout' => 240,
            'nice' => 0,
        ],
        'supervisor-statements' => [
            'connection' => 'redis',
            'queue' => ['statements'],
            'balance' => 'simple',
            'maxProcesses' => 4,
            'maxTime' => 0,
            'maxJobs' => 200,
            'memory' => 512,
            'tries' => 3,
            'timeout' => 240,
            'nice' => 0,
        ],
    ],

    'environments' => [
        'production' => [
            'supervisor-default' => [
                'maxProcesses' => 6,
                'balanceMaxShift' => 1,
                'balanceCooldown' => 3,
            ],
            'supervisor-statements' => [
                'maxProcesses' => 4,
            ],
        ],

        'local' => [
            'supervisor-default' => [
                'maxProcesses' => 3,
            ],
        ],
    ],
];
