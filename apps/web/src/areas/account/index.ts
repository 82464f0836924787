import type { Screens } from '../../routes';
import { Login } from './login';
import { Register } from './register';

export const screens: Screens = { login: Login, register: Register };
