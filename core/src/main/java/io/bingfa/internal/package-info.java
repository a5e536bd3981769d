/**
 * Implementation helpers shared by bingfa's modules. Not public API: nothing outside the library
 * uses this package, and it may change in any release.
 */
package io.bingfa.internal;
